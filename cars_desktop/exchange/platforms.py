"""The files that groups receive from donation platforms and banks, recognised by their
headers: which column is what. What a row of each one means (a gift, a refund, a currency
conversion, a matching gift) is read by `exchange.meaning`.

The column lists follow what each platform writes in its own downloads: CanadaHelps'
"CharityDataDownload", PayPal's activity download (English, French and Spanish) and its
monthly statement, PayPal Giving Fund's payout report, Benevity's donation report (current
and legacy layouts), Stripe's payments and balance exports, Zeffy's payments list, and the
account downloads of the big Canadian banks and credit unions."""

from __future__ import annotations

from dataclasses import dataclass

from cars_desktop.core.text import fold
from cars_desktop.i18n import N_


@dataclass(frozen=True)
class Format:
    code: str
    name: str  # shown in the preview
    columns: dict[str, str]  # folded header -> field
    required: tuple[frozenset[str], ...]  # any one set of folded headers recognises it
    payment_method: str = "online"
    completed: frozenset[str] = frozenset()  # status values that are real gifts
    date_order: str | None = None  # "dmy" or "mdy" when the platform always writes one
    headerless: tuple[str, ...] = ()  # a bank's columns when its file has no header row
    utc: bool = False  # its times are UTC: a gift's day is the day here, where the group is
    names_givers: bool = True  # False: the volunteer says whose gift each row is (a bank's)


def _columns(columns: dict[str, str]) -> dict[str, str]:
    return {fold(header): target for header, target in columns.items()}


def _needs(*sets: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(fold(h) for h in headers) for headers in sets)


_CANADAHELPS_COLUMNS = {
    "TRANSACTION NUMBER": "reference", "DONATION DATE": "date", "DONOR TITLE": "",
    "DONOR FIRST NAME": "first_name", "DONOR LAST NAME": "last_name",
    "DONOR COMPANY NAME": "company", "DONOR EMAIL ADDRESS": "email",
    "DONOR PHONE NUMBER": "phone", "DONOR ADDRESS 1": "address_line1",
    "DONOR ADDRESS 2": "address_line2", "DONOR CITY": "city",
    "DONOR PROVINCE/STATE": "province", "DONOR POSTAL/ZIP CODE": "postal_code",
    "DONOR COUNTRY": "country", "AMOUNT": "amount", "FUND DESIGNATION": "purpose",
    "FUND": "purpose", "MESSAGE TO CHARITY": "notes", "RECEIPT #": "receipt",
    "FEE": "fee", "IN HONOUR OF": "in_honour_of", "IN MEMORY OF": "in_memory_of",
    "VOIDED RECEIPT": "voided", "RECEIPT VOIDED DATE": "voided_on",
    "RECEIPT VOIDED REASON": "voided_why", "REASON": "voided_why",
    "DONATION SOURCE": "source", "CURRENCY": "currency", "DONOR LANGUAGE": "language",
}

CANADAHELPS = Format(
    "canadahelps", N_("CanadaHelps donation export"), _columns(_CANADAHELPS_COLUMNS),
    _needs(("TRANSACTION NUMBER", "DONATION DATE", "DONOR FIRST NAME", "DONOR LAST NAME",
            "AMOUNT")))

# PayPal's activity download in English, French and Spanish: the same columns
_PAYPAL_WORDS = {
    "date": ("Date", "Fecha"), "partner_name": ("Name", "Nom", "Nombre"),
    "transaction_type": ("Type", "Tipo", "Description"),
    "status": ("Status", "État", "Etat", "Estado"),
    "currency": ("Currency", "Devise", "Divisa", "Moneda"),
    "amount": ("Gross", "Avant commission", "Brut", "Bruto"),
    "fee": ("Fee", "Commission", "Frais", "Comisión", "Tarifa"),
    "net": ("Net", "Neto"),
    "email": ("From Email Address", "De l'adresse email", "Adresse email de l'expéditeur",
              "Correo electrónico del remitente", "De la dirección de correo electrónico"),
    "reference": ("Transaction ID", "Numéro de transaction", "N° de transaction",
                  "Id. de transacción", "Código de transacción"),
    "refers_to": ("Reference Txn ID", "Numéro de la transaction de référence",
                  "N° de transaction de référence", "Id. de transacción de referencia",
                  "Código de transacción de referencia"),
    "purpose": ("Item Title", "Titre de l'objet", "Título del artículo", "Subject"),
    "notes": ("Note", "Remarque", "Nota"),
    "phone": ("Contact Phone Number", "Numéro de téléphone du contact",
              "Número de teléfono de contacto"),
    "address_line1": ("Address Line 1", "Adresse ligne 1", "Línea de dirección 1"),
    "address_line2": ("Address Line 2/District/Neighborhood", "Adresse ligne 2"),
    "city": ("Town/City", "Ville", "Ciudad"),
    "province": ("State/Province/Region/County/Territory/Prefecture/Republic",
                 "État/Province/Région/Comté/Territoire/Préfecture/République"),
    "postal_code": ("Zip/Postal Code", "Code postal", "Código postal"),
    "country": ("Country", "Pays", "País"),
    "balance_impact": ("Balance Impact", "Impact sur le solde", "Incidence sur le solde",
                       "Impacto en el saldo"),
}

PAYPAL = Format(
    "paypal", N_("PayPal activity download"),
    _columns({word: field for field, words in _PAYPAL_WORDS.items() for word in words}),
    _needs(("Date", "Name", "Gross", "Transaction ID", "Status"),
           ("Date", "Nom", "Avant commission", "Numéro de transaction", "État"),
           ("Fecha", "Nombre", "Bruto", "Id. de transacción", "Estado"),
           # the monthly statement: no name or status, a description of each line
           ("Date", "Description", "Currency", "Gross", "Net", "Transaction ID")),
    # a payment partly refunded stays a gift: the refund is a line of its own
    completed=frozenset({"completed", "complete", "termine", "completado", "completada",
                         "partially refunded", "partiellement rembourse",
                         "reembolsado parcialmente", "parcialmente reembolsado"}))

PAYPAL_GIVING_FUND = Format(
    "paypal_giving_fund", N_("PayPal Giving Fund payout report"),
    _columns({"Payout Date": "", "Donation Date": "date", "Donor First Name": "first_name",
              "Donor Last Name": "last_name", "Donor Email": "email",
              "Program Name": "purpose", "Currency Code": "currency",
              "Gross Amount": "amount", "Total Fees": "fee", "Net Amount": "net",
              "Transaction ID": "reference", "Donor Address": "address_line1",
              "Donor City": "city", "Donor State/Province": "province",
              "Donor Postal Code": "postal_code", "Donor Country": "country"}),
    _needs(("Payout Date", "Donation Date", "Gross Amount", "Net Amount", "Transaction ID")))

BENEVITY = Format(
    "benevity", N_("Benevity donation report"),
    _columns({"Company": "company", "Project": "purpose", "Donation Date": "date",
              "Donor First Name": "first_name", "Donor Last Name": "last_name",
              "Email": "email", "Address": "address_line1", "City": "city",
              "State/Province": "province", "Postal Code": "postal_code",
              "Comment": "notes", "Transaction ID": "reference", "Currency": "currency",
              "Total Donation to be Acknowledged": "amount", "Match Amount": "match",
              "Cause Support Fee": "fee", "Merchant Fee": "fee_more", "Reason": "reason",
              "Source": "source", "Donation Frequency": "", "Activity": "",
              "Project Remote ID": "", "Fee Comment": ""}),
    _needs(("Company", "Donation Date", "Donor First Name", "Transaction ID",
            "Total Donation to be Acknowledged")))

STRIPE_PAYMENTS = Format(
    "stripe_payments", N_("Stripe payments export"),
    _columns({"id": "reference", "Description": "purpose", "Created (UTC)": "date",
              "Created date (UTC)": "date", "Amount": "amount",
              "Amount Refunded": "refunded", "Currency": "currency",
              "Converted Amount": "converted", "Converted Currency": "converted_currency",
              "Converted Amount Refunded": "converted_refunded",
              "Fee": "fee", "Status": "status", "Customer Email": "email",
              "Customer Description": "partner_name", "Card Name": "card_name",
              "Card Address Line1": "address_line1", "Card Address Line2": "address_line2",
              "Card Address City": "city", "Card Address State": "province",
              "Card Address Zip": "postal_code", "Card Address Country": "country"}),
    _needs(("id", "Created (UTC)", "Amount", "Amount Refunded", "Currency", "Status"),
           ("id", "Created date (UTC)", "Amount", "Amount Refunded", "Currency", "Status")),
    payment_method="card", completed=frozenset({"paid", "succeeded", "partially refunded"}),
    utc=True)

STRIPE_BALANCE = Format(
    "stripe_balance", N_("Stripe balance history"),
    _columns({"id": "", "Type": "transaction_type", "Source": "reference",
              "Amount": "amount", "Fee": "fee", "Net": "net", "Currency": "currency",
              "Created (UTC)": "date", "Description": "purpose",
              "Customer Name": "partner_name", "customer_name": "partner_name",
              "Customer Email": "email", "customer_email": "email",
              "Customer Facing Amount": "", "Customer Facing Currency": "",
              "Charge ID": "refers_to", "charge_id": "refers_to"}),
    _needs(("id", "Type", "Source", "Amount", "Fee", "Net", "Currency", "Created (UTC)")),
    payment_method="card", utc=True, names_givers=False)

ZEFFY = Format(
    "zeffy", N_("Zeffy payments list"),
    _columns({"First Name": "first_name", "Last Name": "last_name", "Amount": "amount",
              "Type": "transaction_type", "Email": "email", "Language": "language",
              "Date": "date", "Eligible Amount": "eligible", "Region": "province",
              "Payment Method": "payment_method", "Receipt Number": "receipt",
              "Company Name": "company", "Note": "notes", "Phone": "phone",
              "Address": "address_line1", "City": "city", "Postal Code": "postal_code",
              "Country": "country", "FormTitle": "purpose", "Form Title": "purpose",
              "Annotation": "", "RateTitle": "", "Rate Title": ""}),
    _needs(("First Name", "Last Name", "Amount", "Type", "Eligible Amount")),
    date_order="dmy")

# Banks: an e-Transfer deposit is a gift once the volunteer says whose it is
RBC = Format(
    "rbc", N_("RBC account download"),
    _columns({"Account Type": "", "Account Number": "", "Transaction Date": "date",
              "Cheque Number": "", "Description 1": "bank_text", "Description 2": "sender",
              "CAD$": "amount", "USD$": ""}),
    _needs(("Account Type", "Account Number", "Transaction Date", "Description 1", "CAD$")),
    payment_method="etransfer", date_order="mdy", names_givers=False)

BMO = Format(
    "bmo", N_("BMO account download"),
    _columns({"First Bank Card": "", "Transaction Type": "", "Date Posted": "date",
              "Transaction Amount": "amount", "Description": "bank_text"}),
    _needs(("First Bank Card", "Transaction Type", "Date Posted", "Transaction Amount",
            "Description")),
    payment_method="etransfer", names_givers=False)

# files without a header row: the columns as each bank writes them
TD = Format("td", N_("TD account download"), {}, (), payment_method="etransfer",
            names_givers=False,
            date_order="mdy", headerless=("date", "bank_text", "withdrawal", "amount",
                                          "balance"))
SCOTIABANK = Format("scotiabank", N_("Scotiabank account download"), {}, (),
                    payment_method="etransfer", date_order="mdy", names_givers=False,
                    headerless=("date", "amount", "", "bank_text", "sender"))
DESJARDINS = Format("desjardins", N_("Desjardins account download"), {}, (),
                    payment_method="etransfer", names_givers=False,
                    headerless=("", "", "", "date", "", "bank_text", "", "", "", "",
                                "withdrawal", "amount", "", "balance"))

OWN_EXPORT = Format(
    "cars", N_("CARS Desktop contributions export"),
    _columns({"ID": "uuid", "Partner ID": "partner_uuid", "Partner": "partner_name",
              "Family": "family", "Kind": "kind", "Status": "status", "Amount": "amount",
              "What was given": "description", "Date": "date", "Reference": "reference",
              "For": "purpose", "Notes": "notes", "Hours": "hours",
              "Payment method": "payment_method", "Thanked on": "thanked_on",
              "Contact person": "contact", "Platform fee": "fee",
              "Given in currency": "currency", "Amount in that currency": "original_amount",
              "Tribute": "tribute", "Platform receipt": "receipt"}),
    _needs(("ID", "Partner ID", "Partner", "Family", "Kind", "Amount", "Date")),
    payment_method="",
    completed=frozenset({"received"}))

KNOWN = (CANADAHELPS, PAYPAL_GIVING_FUND, PAYPAL, BENEVITY, STRIPE_PAYMENTS, STRIPE_BALANCE,
         ZEFFY, RBC, BMO, OWN_EXPORT)
HEADERLESS = (TD, SCOTIABANK, DESJARDINS)
BANKS = ("rbc", "bmo", "td", "scotiabank", "desjardins")
BY_CODE = {known.code: known for known in KNOWN + HEADERLESS}


def recognise(headers: list[str]) -> Format | None:
    folded = {fold(header) for header in headers}
    for known in KNOWN:
        if any(needed <= folded for needed in known.required):
            return known
    return None
