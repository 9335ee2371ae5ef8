"""Every callback, action and block id in one place."""

from enum import StrEnum


class Command(StrEnum):
    """Slash commands."""

    deal = "/deal"


class Action(StrEnum):
    """action_id of interactive elements on cards, lists, Home and results."""

    advance = "deal_advance"
    stage_select = "deal_stage_select"
    list_page = "deal_list_page"
    won = "deal_won"
    lost = "deal_lost"
    reopen = "deal_reopen"
    qualify = "deal_qualify"
    add_note = "deal_add_note"
    tag = "deal_tag"
    show = "deal_show"
    home_refresh = "home_refresh"
    history_page = "deal_history_page"
    add_contact = "deal_add_contact"
    next_step = "deal_next_step"
    snooze = "deal_snooze"


class Callback(StrEnum):
    """callback_id of modals."""

    new_lead = "deal_new_lead"
    lost_reason = "deal_lost_reason"
    note = "deal_note"
    tag = "deal_tag"
    contact = "deal_contact"
    next_step = "deal_next_step"
    snooze = "deal_snooze"


class Block(StrEnum):
    """block_id of blocks whose state we read or whose errors we report."""

    name = "lead_name"
    company = "lead_company"
    value = "lead_value"
    source = "lead_source"
    owner = "lead_owner"
    close = "lead_close"
    next_step = "lead_next"
    card_actions = "card_actions"
    reason = "lost_reason"
    reason_text = "lost_reason_text"
    note = "note_text"
    people = "tag_people"
    why = "tag_why"
    contact_name = "contact_name"
    contact_email = "contact_email"
    contact_title = "contact_title"
    contact_role = "contact_role"
    next_text = "next_text"
    snooze_until = "snooze_until"
    snooze_reason = "snooze_reason"


class Field(StrEnum):
    """action_id of input elements inside modals."""

    name = "name_input"
    company = "company_input"
    value = "value_input"
    source = "source_input"
    owner = "owner_input"
    close = "close_input"
    next_step = "next_input"
    reason = "reason_input"
    reason_text = "reason_text_input"
    note = "note_input"
    people = "people_input"
    why = "why_input"
    contact_name = "contact_name_input"
    contact_email = "contact_email_input"
    contact_title = "contact_title_input"
    contact_role = "contact_role_input"
    next_text = "next_text_input"
    snooze_until = "snooze_until_input"
    snooze_reason = "snooze_reason_input"


class Bant(StrEnum):
    """BANT qualification: buttons, modals, and the blocks and fields inside them."""

    qualify_now = "bant_qualify_now"
    move_anyway = "bant_move_anyway"
    disqualify = "bant_disqualify"
    nurture = "bant_nurture"
    modal = "bant_modal"
    disqualify_modal = "bant_disqualify_modal"
    nurture_modal = "bant_nurture_modal"
    budget = "bant_budget"
    authority = "bant_authority"
    need = "bant_need"
    timeline = "bant_timeline"
    budget_note = "bant_budget_note"
    authority_note = "bant_authority_note"
    need_note = "bant_need_note"
    timeline_note = "bant_timeline_note"
    amount = "bant_amount"
    reason = "bant_reason"
    follow_up = "bant_follow_up"
    follow_note = "bant_follow_note"
    result = "bant_result"
    gate = "bant_gate"
    choice = "bant_choice_input"
    text = "bant_text_input"
    date = "bant_date_input"


class Verb(StrEnum):
    """Everyday verbs: the duplicate warning's buttons."""

    duplicate_open = "deal_duplicate_open"
    create_anyway = "deal_create_anyway"
    anyway_block = "lead_anyway"
    anyway_input = "lead_anyway_input"


class StageEdit(StrEnum):
    """The stage editor: its button, modal, the block id prefix and the fields inside."""

    open = "pipeline_edit_stages"
    modal = "pipeline_stage_editor"
    block = "stage"
    name = "stage_name_input"
    probability = "stage_probability_input"
    quiet = "stage_quiet_input"
    place = "stage_place_input"


class Shortcut(StrEnum):
    """Shortcuts: callback_id as manifest.yml declares them (tests/test_manifest.py checks),
    their modals, and the blocks, fields and buttons inside."""

    lead_from_message = "lead_from_message"  # message shortcut "Create lead from message"
    add_to_deal = "add_to_deal"  # message shortcut "Add to deal…"
    new_lead = "new_lead"  # global shortcut "New lead" (⚡ menu)
    add_modal = "add_to_deal_modal"
    deal_block = "add_to_deal_deal"
    deal_input = "add_to_deal_deal_input"
    tag_mentioned = "add_to_deal_tag_mentioned"
    card_channel = "lead_card_channel"
    card_channel_input = "lead_card_channel_input"


class Function(StrEnum):
    """Workflow Builder steps: callback_id of each function manifest.yml declares
    (tests/test_manifest_functions.py checks they are the same)."""

    create_lead = "create_lead"  # "Create lead"
    move_deal = "move_deal"  # "Move deal"


class Import(StrEnum):
    """A CSV file shared in dealbot's DM: the buttons of its preview."""

    confirm = "import_csv_confirm"
    cancel = "import_csv_cancel"
    actions = "import_csv_actions"
