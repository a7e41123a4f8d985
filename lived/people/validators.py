"""NHS number validation: ten digits whose last is the Modulus 11 check digit.

Source: NHS Data Dictionary, "NHS Number" — multiply the first nine digits by weights 10 down to 2,
sum, take the remainder on division by 11, subtract from 11; 11 becomes 0 and 10 means the number
is invalid. The result must equal the tenth digit.
"""

from django.core.exceptions import ValidationError


def normalise_nhs_number(value: str) -> str:
    return "".join(ch for ch in (value or "") if not ch.isspace() and ch != "-")


def nhs_number_check_digit(first_nine: str) -> int | None:
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - (total % 11)
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def is_valid_nhs_number(value: str) -> bool:
    digits = normalise_nhs_number(value)
    if len(digits) != 10 or not digits.isdigit():
        return False
    return nhs_number_check_digit(digits[:9]) == int(digits[9])


def validate_nhs_number(value: str) -> None:
    digits = normalise_nhs_number(value)
    if not digits.isdigit() or len(digits) != 10:
        raise ValidationError("NHS number must be 10 digits", code="length")
    if not is_valid_nhs_number(digits):
        raise ValidationError("Enter a valid NHS number (the last digit does not match)", code="check_digit")
