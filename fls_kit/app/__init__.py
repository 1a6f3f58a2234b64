"""The participant app (the assessment notebook served with Voilà, without code on screen),
and the working folder an educator runs fls-kit from (`fls-kit init`)."""

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
from fls_kit.app._workspace import InitResult, init_workspace

__all__ = [
    "APP_FLAG", "NOTEBOOK", "InitResult", "absolute_store_url", "app_environment", "check_store",
    "init_workspace", "participant_url", "run_app", "start_app", "voila_command",
]  # fmt: skip
