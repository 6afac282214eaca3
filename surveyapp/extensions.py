"""Extensions, created unbound and bound to an app in ``create_app``."""
from __future__ import annotations

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect

from .db import Database

babel = Babel()
csrf = CSRFProtect()
db = Database()
# the client address is used only in memory to count attempts; it is never stored
limiter = Limiter(key_func=get_remote_address, default_limits=[])
login_manager = LoginManager()
talisman = Talisman()
