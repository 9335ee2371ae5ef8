"""OAuth distribution: Bolt's OAuthSettings on slack_sdk's SQLAlchemy stores, and each
team's own bot token for the work done outside a request (digests, nudges, the outbox).

The stores use dealbot's engine and the tables migration 0007 made (they never create
tables). The install URL asks for the manifest's bot scopes. SLACK_STATE_SECRET signs
the OAuth state, so a forged or mistyped state is refused before the database is asked;
the state store then makes each state single-use and short-lived, and Bolt checks it
against the installer's browser cookie. Tokens that expire (token rotation, when the app
turns it on) are refreshed with the stored refresh token before they are used.
"""

import hashlib
import hmac
import logging
from collections.abc import Callable, Sequence

from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import Engine

from bot.runtime.slack_http import KeptAliveClient

log = logging.getLogger("dealbot.oauth")

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
STATE_TTL_S = 600  # an installer has ten minutes from "Add to Slack" to "Allow"
ROTATE_MINUTES = 120  # refresh a rotating token this long before it expires (Bolt's default)


class NotInstalled(Exception):
    """The team has no installation (never installed, or uninstalled): no token to use."""


class SignedStates(SQLAlchemyOAuthStateStore):
    """slack_sdk's SQL state store, with each state signed by SLACK_STATE_SECRET."""

    def __init__(self, secret: str, engine: Engine, expiration_seconds: int = STATE_TTL_S):
        super().__init__(expiration_seconds=expiration_seconds, engine=engine, logger=log)
        self._key = secret.encode()

    def _sign(self, value: str) -> str:
        return hmac.new(self._key, value.encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self, *args, **kwargs) -> str:
        """A new state: the stored value and its signature."""
        value = super().issue(*args, **kwargs)
        return f"{value}.{self._sign(value)}"

    def consume(self, state: str) -> bool:
        """True once for a state this app issued, signed, unexpired and unused."""
        value, _, signature = (state or "").rpartition(".")
        if not value or not hmac.compare_digest(signature, self._sign(value)):
            log.warning("refused an OAuth state that this app did not sign")
            return False
        return super().consume(value)


def authorize_url(api_url: str) -> str:
    """Slack's authorize page beside its Web API (slack.com, GovSlack, or a stand-in)."""
    base = api_url[: -len("api/")] if api_url.endswith("/api/") else api_url
    return base.rstrip("/") + "/oauth/v2/authorize"


def installation_store(client_id: str, engine: Engine) -> SQLAlchemyInstallationStore:
    """slack_sdk's installation store on dealbot's database (migration 0007's tables)."""
    return SQLAlchemyInstallationStore(client_id=client_id, engine=engine, logger=log)


def oauth_settings(
    *,
    client_id: str,
    client_secret: str,
    state_secret: str,
    api_url: str,
    engine: Engine,
    scopes: Sequence[str],
    redirect_uri: str | None = None,
    on_installed: Callable[[str], None] | None = None,
) -> OAuthSettings:
    """Bolt's OAuth settings: the install page, the redirect, the stores, token rotation."""
    store = installation_store(client_id, engine)

    def success(args: SuccessArgs) -> BoltResponse:
        team = args.installation.team_id
        log.info("dealbot was installed in workspace %s", team)
        if on_installed is not None and team:
            on_installed(team)
        return args.default.success(args)

    def failure(args: FailureArgs) -> BoltResponse:
        log.warning("an install failed: %s", args.reason)
        return args.default.failure(args)

    settings = OAuthSettings(
        client_id=client_id,
        client_secret=client_secret,
        scopes=list(scopes),
        user_scopes=[],
        redirect_uri=redirect_uri,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        authorization_url=authorize_url(api_url),
        installation_store=store,
        state_store=SignedStates(state_secret, engine),
        state_expiration_seconds=STATE_TTL_S,
        callback_options=CallbackOptions(success=success, failure=failure),
        token_rotation_expiration_minutes=ROTATE_MINUTES,
        logger=log,
    )
    # Bolt's own authorize, given a client on SLACK_API_URL for refreshing tokens, and a
    # cache of auth.test answers by token (a new install or a refresh is a new token).
    settings.authorize = InstallationStoreAuthorize(
        logger=log,
        installation_store=store,
        client_id=client_id,
        client_secret=client_secret,
        token_rotation_expiration_minutes=ROTATE_MINUTES,
        cache_enabled=True,
        client=KeptAliveClient(base_url=api_url),
    )
    return settings


class TeamTokens:
    """Each team's bot token from the installation store, refreshed first when it rotates."""

    def __init__(self, settings: OAuthSettings, api_url: str) -> None:
        self.store = settings.installation_store
        self.rotator = TokenRotator(
            client_id=settings.client_id,
            client_secret=settings.client_secret,
            client=KeptAliveClient(base_url=api_url),
        )

    def installed(self, team_id: str) -> bool:
        """Whether the team has an installation with a bot token."""
        found = self.store.find_installation(enterprise_id=None, team_id=team_id)
        return found is not None and bool(found.bot_token)

    def __call__(self, team_id: str) -> str:
        """The team's bot token; NotInstalled when it has none."""
        found = self.store.find_installation(enterprise_id=None, team_id=team_id)
        if found is None or not found.bot_token:
            raise NotInstalled(team_id)
        if found.bot_refresh_token:
            fresh = self.rotator.perform_token_rotation(
                installation=found, minutes_before_expiration=ROTATE_MINUTES
            )
            if fresh is not None:
                self.store.save(fresh)
                found = fresh
        return found.bot_token
