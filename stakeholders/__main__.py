"""``python -m stakeholders`` and the ``stakeholders`` console script.

Loading the command line takes a tenth of a second: a Ctrl-C in that time ends
as it does later, with one line and exit code 130, not an import traceback.
"""

import sys


def main() -> None:
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrupted.\n")
        sys.exit(130)
    run()


if __name__ == "__main__":
    main()
