"""`python -m orchestration.cli.generate ...` is `chitieu generate ...`."""
import sys

from orchestration.cli.generate import main

sys.exit(main())
