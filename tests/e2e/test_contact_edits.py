"""Issue 12, everyday verbs: edit and remove a contact; marketing consent, shown with them."""

from tests.e2e.helpers import history, text_of


def with_ann(driver) -> None:
    driver.slash("new Acme renewal 12k")
    driver.slash("set 1 company Acme Corp")
    driver.slash("contact 1 Ann Lee <mailto:ann@acme.com|ann@acme.com> CFO")


def test_consent_is_shown_where_contacts_are(slack, driver):
    with_ann(driver)
    before = text_of(driver.slash("show 1").message)
    assert "*Ann Lee* · CFO · ann@acme.com" in before and "marketing" not in before
    reply = driver.slash("contact 1 consent ann@acme.com yes")
    assert "Updated *Ann Lee* · CFO · ann@acme.com · marketing: yes" in text_of(reply.message)
    assert "marketing: yes" in text_of(driver.slash("show 1").message)
    assert "marketing: yes" in text_of(driver.slash("account acme").message)
    driver.slash("contact 1 consent ann@acme.com no")
    assert "marketing: no" in text_of(driver.slash("show 1").message)
    assert "is `yes` or `no`" in text_of(driver.slash("contact 1 consent ann@acme.com maybe")
                                         .message)


def test_edit_each_field_and_refusals(slack, driver):
    with_ann(driver)
    driver.slash("contact 1 edit ann@acme.com title VP Finance")
    driver.slash("contact 1 edit ann@acme.com role champion")
    driver.slash("contact 1 edit ann@acme.com name Ann Smith")
    driver.slash("contact 1 edit <mailto:ann@acme.com|ann@acme.com> email ann.smith@acme.com")
    shown = text_of(driver.slash("show 1").message)
    assert "*Ann Smith* · VP Finance · Champion · ann.smith@acme.com" in shown
    assert "No contact of #1's account has the address bob@acme.com" in text_of(
        driver.slash("contact 1 edit bob@acme.com title CEO").message)
    assert "not `phone`" in text_of(driver.slash("contact 1 edit ann.smith@acme.com phone 1")
                                    .message)
    assert "edit ann@acme.com title" in text_of(driver.slash("contact 1 edit").message)
    edits = [a for a in history(1) if a.kind == "contact_edited"]
    assert [a.note for a in edits] == ["title: VP Finance", "role: champion", "name: Ann Smith",
                                       "email: ann.smith@acme.com"]


def test_remove_takes_them_off_and_keeps_the_history(slack, driver):
    with_ann(driver)
    reply = driver.slash("contact 1 remove ann@acme.com")
    assert "Removed ann@acme.com from Acme Corp" in text_of(reply.message)
    shown = text_of(driver.slash("show 1").message)
    assert "Stakeholders" not in shown and "removed Ann Lee as a contact" in shown
    assert "No contact" in text_of(driver.slash("contact 1 remove ann@acme.com").message)
