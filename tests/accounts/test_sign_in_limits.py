"""Sign-in and password-reset limits: a username is locked only from the address that guessed at it,
an address guessing at many accounts is locked, and reset links are rate-limited without saying
whether an account exists."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import RequestFactory

from lived.accounts.limits import client_address
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

STRANGER = "203.0.113.5"
WORKERS_NETWORK = "198.51.100.7"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # the reset limits count in the cache
    yield
    cache.clear()


def sign_in(client, username, password=PASSWORD, address=STRANGER):
    return client.post(
        "/accounts/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def guess(client, username, times, address=STRANGER):
    for _ in range(times):
        sign_in(client, username, "wrong-password", address)


def test_a_stranger_locks_a_username_only_from_their_own_address(client, support_worker):
    guess(client, "support_worker", settings.AXES_FAILURE_LIMIT)
    refused = sign_in(client, "support_worker")
    assert refused.status_code == 429
    assert "signing in from here is paused for 30 minutes" in refused.content.decode()
    # The worker, on their own network, signs in as usual.
    assert sign_in(client, "support_worker", address=WORKERS_NETWORK).status_code == 302


def test_a_few_guesses_at_each_of_many_accounts_lock_the_address(client, support_worker):
    address_limit = settings.LIVED_SIGN_IN_LIMITS[1][1]
    per_account = settings.AXES_FAILURE_LIMIT - 1  # never enough to lock any one account
    accounts = [f"guessed{n}" for n in range(-(-address_limit // per_account))]
    for username in accounts:
        guess(client, username, per_account)
    assert sign_in(client, "support_worker").status_code == 429
    assert sign_in(client, "support_worker", address=WORKERS_NETWORK).status_code == 302


def test_the_address_limit_leaves_room_for_a_team_sharing_one_network(client, support_worker):
    # A care home: one address, many workers, each mistyping a few times within the hour.
    assert settings.LIVED_SIGN_IN_LIMITS[1][1] >= 6 * settings.AXES_FAILURE_LIMIT
    for n in range(5):
        guess(client, f"colleague{n}", settings.AXES_FAILURE_LIMIT - 1, address=WORKERS_NETWORK)
    assert sign_in(client, "support_worker", address=WORKERS_NETWORK).status_code == 302


def test_guesses_made_while_locked_do_not_count_towards_the_address(client, support_worker):
    guess(client, "someone", settings.AXES_FAILURE_LIMIT + settings.LIVED_SIGN_IN_LIMITS[1][1])
    assert sign_in(client, "support_worker").status_code == 302


def test_signing_in_to_your_own_account_does_not_clear_the_address_count(client, support_worker):
    attacker = make_user("attacker")
    address_limit = settings.LIVED_SIGN_IN_LIMITS[1][1]
    per_account = settings.AXES_FAILURE_LIMIT - 1
    guessed = 0
    n = 0
    while guessed < address_limit - 1:
        times = min(per_account, address_limit - 1 - guessed)
        guess(client, f"guessed{n}", times)
        guessed += times
        n += 1
    assert sign_in(client, attacker.username).status_code == 302
    client.post("/accounts/sign-out/")
    guess(client, "one-more", 1)
    assert sign_in(client, "support_worker").status_code == 429


def test_a_workers_own_mistakes_are_cleared_when_they_sign_in(client, support_worker):
    guess(client, "support_worker", settings.AXES_FAILURE_LIMIT - 1, address=WORKERS_NETWORK)
    assert sign_in(client, "support_worker", address=WORKERS_NETWORK).status_code == 302
    client.post("/accounts/sign-out/")
    guess(client, "support_worker", settings.AXES_FAILURE_LIMIT - 1, address=WORKERS_NETWORK)
    assert sign_in(client, "support_worker", address=WORKERS_NETWORK).status_code == 302


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.5"
    )
    settings.LIVED_TRUSTED_PROXIES = 0
    assert client_address(request) == "10.0.0.2"
    settings.LIVED_TRUSTED_PROXIES = 1
    assert client_address(request) == "203.0.113.5"  # not the client-written 192.0.2.99


def test_lockout_follows_the_address_the_proxy_saw(client, support_worker, settings):
    settings.LIVED_TRUSTED_PROXIES = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/sign-in/",
            {"username": "support_worker", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=STRANGER,
        )
    # Same proxy, another client: still allowed.
    response = client.post(
        "/accounts/sign-in/",
        {"username": "support_worker", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=WORKERS_NETWORK,
    )
    assert response.status_code == 302


def same_page(html, email):
    """The page with the email typed in, and the per-request tokens, taken out."""
    html = html.replace(email, "EMAIL")
    return re.sub(r'(value|nonce)="[^"]*"', "", html)


def ask_for_reset(client, email, address=STRANGER):
    return client.post("/accounts/password-reset/", {"email": email}, REMOTE_ADDR=address)


def test_reset_links_are_limited_per_email_whether_or_not_it_has_an_account(client, support_worker):
    support_worker.email = "sw@example.invalid"
    support_worker.save()
    per_email = settings.LIVED_PASSWORD_RESET_PER_EMAIL
    replies = {}
    for email in ("sw@example.invalid", "nobody@example.invalid"):
        for _ in range(per_email):
            assert ask_for_reset(client, email).status_code == 302
        replies[email] = ask_for_reset(client, email)
    assert len(mail.outbox) == per_email  # only the real account got links, and no more
    pages = [reply.content.decode() for reply in replies.values()]
    for reply, page in zip(replies.values(), pages, strict=True):
        assert reply.status_code == 429
        assert "There is a problem" in page
        assert "You have asked for too many reset links. Wait 60 minutes" in page
    # The two replies are the same page: being limited says nothing about whether an account exists.
    assert same_page(pages[0], "sw@example.invalid") == same_page(pages[1], "nobody@example.invalid")


def test_reset_links_are_limited_per_address(client):
    per_address = settings.LIVED_PASSWORD_RESET_PER_ADDRESS
    for n in range(per_address):
        assert ask_for_reset(client, f"someone{n}@example.invalid").status_code == 302
    assert ask_for_reset(client, "one-more@example.invalid").status_code == 429
    assert ask_for_reset(client, "one-more@example.invalid", address=WORKERS_NETWORK).status_code == 302


def test_the_email_limit_ignores_case(client):
    for _ in range(settings.LIVED_PASSWORD_RESET_PER_EMAIL):
        ask_for_reset(client, "Sam@Example.invalid")
    assert ask_for_reset(client, "sam@example.invalid", address=WORKERS_NETWORK).status_code == 429
