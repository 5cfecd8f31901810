#!/usr/bin/env python3
"""Writes cameras.csv: the fictitious 200-camera inventory of the massy-city example.

Deterministic (no randomness): run it again and the file is byte-identical. Each site has a
camera count, a zone, the purposes its cameras serve and what the field of view overlooks.
Usage: examples/massy-city/generate-cameras.py > examples/massy-city/cameras.csv
"""
import sys

# site, zone, count, purposes, overlooks private space, privacy masks, location prefix
SITES = [
    ("avenue-carnot", "public-road", 18, "wrong-way;crowd-density", True, "residential-windows", "avenue Carnot"),
    ("rn20-slip-roads", "public-road", 16, "wrong-way", False, "", "RN20 slip road"),
    ("a10-interchange", "public-road", 12, "wrong-way", False, "", "A10 interchange"),
    ("place-de-france", "public-space", 14, "crowd-density;illegal-dumping", True, "residential-windows;cafe-terrace", "place de France"),
    ("gare-massy-palaiseau", "transport", 20, "crowd-density", False, "", "Massy-Palaiseau station forecourt"),
    ("gare-massy-tgv", "transport", 12, "crowd-density", False, "", "Massy TGV station forecourt"),
    ("quartier-opera", "public-space", 16, "illegal-dumping", True, "residential-windows;balconies", "Opéra district"),
    ("bois-de-massy", "public-space", 10, "fire-start;illegal-dumping", False, "", "Bois de Massy path"),
    ("parc-georges-brassens", "public-space", 8, "fire-start", False, "", "park"),
    ("centre-technique-municipal", "closed-site", 12, "intrusion-closed-sites;fire-start", False, "", "municipal technical centre"),
    ("ecoles", "closed-site", 18, "intrusion-closed-sites", True, "neighbouring-gardens", "school yard"),
    ("gymnases", "public-building", 14, "lights-on;intrusion-closed-sites", False, "", "gymnasium"),
    ("mediatheque", "public-building", 6, "lights-on", False, "", "media library"),
    ("piste-cyclable-coulee-verte", "public-space", 14, "cycle-path-counting", False, "", "Coulée verte cycle path"),
    ("piste-cyclable-paris", "public-road", 10, "cycle-path-counting;wrong-way", True, "residential-windows", "rue de Paris cycle lane"),
]

HEADER = ["id", "site", "zone", "location", "purposes", "resolution", "ptz", "overlooks_private_space",
          "privacy_masks", "signage.first_layer", "signage.placed_before_entry", "signage.second_layer_url"]


def main() -> None:
    out = sys.stdout
    out.write(",".join(HEADER) + "\n")
    number = 0
    for site, zone, count, purposes, overlooks, masks, location in SITES:
        for index in range(1, count + 1):
            number += 1
            ptz = "true" if index % 6 == 0 else "false"
            resolution = "2688x1520" if index % 4 == 0 else "1920x1080"
            row = [
                f"cam-{number:03d}", site, zone, f"\"{location} {index}\"", purposes, resolution, ptz,
                "true" if overlooks and index % 3 != 0 else "false",
                masks if overlooks and index % 3 != 0 else "",
                "true", "true", "https://massy.example/videoprotection",
            ]
            out.write(",".join(row) + "\n")
    assert number == 200, number


if __name__ == "__main__":
    main()
