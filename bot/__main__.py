"""`python -m bot` runs the dealbot command line."""

import sys

from bot.cli import main

sys.exit(main())
