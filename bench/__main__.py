"""`python -m bench [NAME ...] [-- OPTIONS]`: run every benchmark module, or the named ones;
options after `--` go to each (`python -m bench soak -- --seconds 20`)."""

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> None:
    names = sorted(
        info.name.removeprefix("bench_")
        for info in pkgutil.iter_modules([str(Path(__file__).parent)])
        if info.name.startswith("bench_")
    )
    options = argv[argv.index("--") + 1 :] if "--" in argv else []
    argv = argv[: argv.index("--")] if "--" in argv else argv
    chosen = [name for name in names if not argv or name in argv]
    for name in chosen:
        print(f"\n=== bench {name} ===", flush=True)
        importlib.import_module(f"bench.bench_{name}").main(options)


if __name__ == "__main__":
    main(sys.argv[1:])
