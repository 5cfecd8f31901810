#!/usr/bin/python3 -B
"""Counts computed in a multiprocessing pool (POSIX semaphores under /dev/shm). Both modes clean
apart from the semaphore; the leak mode also keeps a gallery in HOME."""
from _pipeline import *
import multiprocessing as mp


def zone_total(values):
    return sum(values)


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        totals = pool.map(zone_total, list(counts().values()))
    lock = mp.Lock()
    emit_events()
    with open(work("totals.json"), "w") as f:
        json.dump(dict(zip(counts().keys(), totals)), f)
    if LEAK:
        np.save(home("g.npy"), encodings().astype(np.float32))
