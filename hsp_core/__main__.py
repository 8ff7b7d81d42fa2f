import sys

from hsp_core.cli import main

sys.exit(main())
