"""slack_sdk's OAuth tables (installations, bots, OAuth states) in dealbot's schema.

slack_sdk's SQLAlchemy stores define these tables; they are built here, from the stores'
own definitions, into the metadata the migrations compare against, so migration 0007
owns them and the stores never create tables at run time.
"""

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlmodel import SQLModel

INSTALLATIONS = SQLAlchemyInstallationStore.default_installations_table_name
BOTS = SQLAlchemyInstallationStore.default_bots_table_name
STATES = SQLAlchemyOAuthStateStore.default_table_name

_meta = SQLModel.metadata
installations = SQLAlchemyInstallationStore.build_installations_table(_meta, INSTALLATIONS)
bots = SQLAlchemyInstallationStore.build_bots_table(_meta, BOTS)
states = SQLAlchemyOAuthStateStore.build_oauth_states_table(_meta, STATES)
