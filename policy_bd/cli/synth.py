"""`policy-bd synth`: write a synthetic HIES-like sample of any size to Parquet, chunk by chunk.

policy-bd synth --households 1000000 --out synthetic-1m/
"""

from __future__ import annotations

from pathlib import Path

from policy_bd.cli import CommandError

HELP = "generate a calibrated synthetic HIES-like sample (Parquet), SYNTHETIC: not for inference"


def add_arguments(parser) -> None:
    parser.add_argument("--households", type=int, default=14_400, help="default 14,400")
    parser.add_argument("--seed", type=int, default=2022, help="default 2022")
    parser.add_argument("--out", metavar="DIR", required=True, help="folder to write")
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=250_000,
        help="households generated (and calibrated) at a time; memory grows with it",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args) -> int:
    from policy_bd.microsim.synthetic import generate_to_parquet  # noqa: PLC0415

    if args.households < 320:
        raise CommandError("--households: at least 320 (two PSUs of 20 in each of 16 strata)")
    if args.chunk_size < 320:
        raise CommandError("--chunk-size: at least 320 households")
    folder = Path(args.out)
    try:
        metadata = generate_to_parquet(
            folder, args.households, args.seed, args.chunk_size, progress=not args.quiet
        )
    except ValueError as error:
        raise CommandError(str(error)) from None
    print(
        f"{metadata['households']:,} households, {metadata['persons']:,} persons in "
        f"{metadata['row_groups']} chunk(s) written to {folder} ({metadata['warning']})"
    )
    worst = [
        row
        for report in (metadata.get("calibration_by_chunk") or [metadata.get("calibration")])
        for row in report or []
        if row["within"] is False
    ]
    print(
        "Every chunk within the design's tolerances."
        if not worst
        else f"{len(worst)} check(s) outside tolerance: "
        + ", ".join(sorted({row["check"] for row in worst}))
    )
    return 0
