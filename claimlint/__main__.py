"""The `claimlint` command and `python -m claimlint`."""

import gc


def main() -> None:
    # Starting up makes tens of thousands of objects that live as long as the process (modules,
    # classes, functions) and next to no garbage, so collections while importing only walk the
    # same objects again and again (about a tenth of the start-up's instructions). They are moved
    # out of the collector's reach instead, once imported.
    gc.disable()
    from claimlint import cli

    gc.freeze()
    gc.enable()
    cli.main()


if __name__ == "__main__":
    main()
