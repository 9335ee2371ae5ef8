"""Every callback, action and block id in one place."""

from enum import StrEnum


class Command(StrEnum):
    """Slash commands."""

    deal = "/deal"


class Action(StrEnum):
    """action_id of interactive elements."""

    advance = "deal_advance"
    stage_select = "deal_stage_select"
    list_page = "deal_list_page"


class Callback(StrEnum):
    """callback_id of modals."""

    new_lead = "deal_new_lead"


class Block(StrEnum):
    """block_id of blocks whose state we read or whose errors we report."""

    name = "lead_name"
    company = "lead_company"
    value = "lead_value"
    card_actions = "card_actions"


class Field(StrEnum):
    """action_id of input elements inside modals."""

    name = "name_input"
    company = "company_input"
    value = "value_input"
