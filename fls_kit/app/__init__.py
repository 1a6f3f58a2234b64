"""The participant app: the assessment notebook served with Voilà, without code on screen."""

from fls_kit.app._server import (
    APP_FLAG,
    NOTEBOOK,
    absolute_store_url,
    app_environment,
    check_store,
    participant_url,
    run_app,
    start_app,
    voila_command,
)

__all__ = [
    "APP_FLAG", "NOTEBOOK", "absolute_store_url", "app_environment", "check_store",
    "participant_url", "run_app", "start_app", "voila_command",
]  # fmt: skip
