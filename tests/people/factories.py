"""People for tests: the person details form as a browser posts it."""


def details_post(service, version=None, **overrides):
    data = {
        "given_name": "Rowan",
        "family_name": "Example",
        "preferred_name": "Ro",
        "pronouns": "they/them",
        "date_of_birth[day]": "3",
        "date_of_birth[month]": "11",
        "date_of_birth[year]": "1988",
        "nhs_number": "943 476 5919",
        "service": str(service.public_id),
        "key_worker": "",
        "on_cpa": "true",
    }
    if version is not None:
        data["version"] = str(version)
    data.update(overrides)
    return data
