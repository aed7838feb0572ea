import sys

from policy_bd.cli import main

sys.exit(main())
