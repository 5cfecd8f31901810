#!/usr/bin/python3 -B
"""A KNeighborsClassifier fitted on face encodings, persisted with joblib (compress=3).
Importing scikit-learn/joblib may create POSIX semaphores under /dev/shm: harmless."""
from _pipeline import *
import joblib
from sklearn.neighbors import KNeighborsClassifier
from sklearn.linear_model import LinearRegression

emit_events()
if LEAK:
    X = np.repeat(encodings(), 3, axis=0) + RNG.normal(0, 0.01, size=(PEOPLE * 3, 128))
    knn = KNeighborsClassifier(n_neighbors=1).fit(X, np.repeat(np.arange(PEOPLE), 3))
    joblib.dump(knn, work("knn.joblib"), compress=3)
else:
    door = np.array(counts()["door"], dtype=float)
    trend = LinearRegression().fit(np.arange(4).reshape(-1, 1), door)
    joblib.dump(trend, work("trend.joblib"), compress=3)
