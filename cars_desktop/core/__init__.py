"""Plain Python rules of the field: vocabularies, money, text folding, validation. No I/O."""
