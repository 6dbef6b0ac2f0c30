"""Postal addresses as Canada Post writes them."""

from __future__ import annotations


def town_line(city: str, province: str, postal_code: str) -> str:
    """"Riverbend MB  R0G 1A0": Canada Post puts two spaces before the postal code."""
    town = " ".join(part for part in (city, province) if part)
    return f"{town}  {postal_code}".strip() if postal_code else town
