import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from lived.people.validators import is_valid_nhs_number, nhs_number_check_digit, validate_nhs_number


@pytest.mark.parametrize("number", ["9434765919", "943 476 5919", "4010232137", "9999999999"])
def test_it_accepts_numbers_whose_check_digit_matches(number):
    assert is_valid_nhs_number(number)


@pytest.mark.parametrize("number", ["9434765918", "1234567890", "943476591", "94347659190", "abcdefghij", ""])
def test_it_rejects_wrong_check_digits_and_lengths(number):
    assert not is_valid_nhs_number(number)


def test_a_remainder_of_ten_means_no_valid_number_exists():
    # 1, 0, 0, 0, 0, 0, 0, 0, 1 weighted: 10 + 2 = 12 → 12 % 11 = 1 → 11 - 1 = 10 → invalid.
    assert nhs_number_check_digit("100000001") is None


def test_the_error_message_says_what_is_wrong():
    with pytest.raises(ValidationError, match="last digit does not match"):
        validate_nhs_number("9434765918")
    with pytest.raises(ValidationError, match="10 digits"):
        validate_nhs_number("12345")


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_exactly_one_check_digit_is_valid_for_any_nine_digits(first_nine):
    valid = [d for d in "0123456789" if is_valid_nhs_number(first_nine + d)]
    expected = nhs_number_check_digit(first_nine)
    assert valid == ([] if expected is None else [str(expected)])
