"""Extensions, created unbound and bound to an app in ``create_app``."""
from __future__ import annotations

from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

from .db import Database

babel = Babel()
csrf = CSRFProtect()
db = Database()
