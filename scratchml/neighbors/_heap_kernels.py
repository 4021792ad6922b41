"""Bounded max-heaps and the final sort shared by every k-nearest-neighbour search.

A query keeps its k best candidates so far in a max-heap: the root is the
worst of the k, so a new candidate is compared with one number and, if it is
better, replaces the root and sifts down in O(log k). Both the push rule and the
final sort follow scikit-learn's (``sklearn/utils/_heap.pyx`` and
``sklearn/utils/_sorting.pyx``) exactly, because with tied distances *which* of
the tied points survive depends on the order of pushes and evictions: a
candidate equal to the current worst is rejected (earlier points win), and the
evicted root among equal worst candidates is whichever sits at the root.
"""

import numba
import numpy as np


def heap_push(values, indices, val, val_idx):
    """Push ``(val, val_idx)`` onto the fixed-size max-heap ``(values, indices)``.

    Parameters
    ----------
    values : ndarray of shape (k,)
        Heap keys (reduced distances), ``values[0]`` the largest; modified in place.
    indices : ndarray of shape (k,)
        Payload (training indices), permuted with ``values``.
    val : float
        Candidate key. Rejected if ``val >= values[0]``: on a tie the point
        already held wins.
    val_idx : int
        Candidate payload.
    """
    size = values.shape[0]
    if val >= values[0]:
        return
    current = 0
    while True:
        left = 2 * current + 1
        right = left + 1
        if left >= size:
            break
        if right >= size:
            if values[left] > val:
                swap = left
            else:
                break
        elif values[left] >= values[right]:
            if val < values[left]:
                swap = left
            else:
                break
        elif val < values[right]:
            swap = right
        else:
            break
        values[current] = values[swap]
        indices[current] = indices[swap]
        current = swap
    values[current] = val
    indices[current] = val_idx


def _swap(values, indices, i, j):
    values[i], values[j] = values[j], values[i]
    indices[i], indices[j] = indices[j], indices[i]


def _insertion_sort(values, indices, start, n):
    for i in range(start + 1, start + n):
        v = values[i]
        t = indices[i]
        j = i
        while j > start and values[j - 1] > v:
            values[j] = values[j - 1]
            indices[j] = indices[j - 1]
            j -= 1
        values[j] = v
        indices[j] = t


def _sift_down(values, indices, start, root, end):
    # Heap of values[start:start+end]; root and children are offsets.
    while True:
        child = root * 2 + 1
        maxind = root
        if child < end and values[start + maxind] < values[start + child]:
            maxind = child
        if child + 1 < end and values[start + maxind] < values[start + child + 1]:
            maxind = child + 1
        if maxind == root:
            break
        _swap(values, indices, start + root, start + maxind)
        root = maxind


def _heapsort(values, indices, start, n):
    first = (n - 2) // 2
    while True:
        _sift_down(values, indices, start, first, n)
        if first == 0:
            break
        first -= 1
    end = n - 1
    while end > 0:
        _swap(values, indices, start, start + end)
        _sift_down(values, indices, start, 0, end)
        end -= 1


def simultaneous_sort(values, indices):
    """Sort ``values`` ascending in place, applying the same moves to ``indices``.

    Introsort (Musser, SP&E 1997): quicksort with a median-of-three pivot and a
    two-way partition, heapsort past a depth of 2 log2(n), insertion sort for
    pieces of at most 15. It is not stable; scikit-learn sorts its heaps with
    this very algorithm, so tied distances come out in the same order.

    Parameters
    ----------
    values : ndarray of shape (n,)
    indices : ndarray of shape (n,)
    """
    n_total = values.shape[0]
    if n_total == 0:
        return
    # Pending pieces (start, n, depth budget); pieces are disjoint, so the
    # order in which they are sorted does not change the result.
    stack = np.empty((64 + 2 * n_total, 3), dtype=np.int64)
    stack[0, 0], stack[0, 1], stack[0, 2] = 0, n_total, 2 * int(np.log2(n_total))
    top = 1
    while top > 0:
        top -= 1
        start, n, maxd = stack[top, 0], stack[top, 1], stack[top, 2]
        done = False
        while n > 15:
            if maxd <= 0:
                _heapsort(values, indices, start, n)
                done = True
                break
            maxd -= 1
            # median of three: smallest to the front, median to the end
            mid = start + n // 2
            last = start + n - 1
            if values[start] > values[last]:
                _swap(values, indices, start, last)
            if values[last] > values[mid]:
                _swap(values, indices, last, mid)
                if values[start] > values[last]:
                    _swap(values, indices, start, last)
            pivot = values[last]
            i = start + 1
            j = start + n - 2
            while True:
                while i <= j and values[i] < pivot:
                    i += 1
                while i <= j and values[j] > pivot:
                    j -= 1
                if i >= j:
                    break
                _swap(values, indices, i, j)
                i += 1
                j -= 1
            _swap(values, indices, i, last)
            pivot_off = i - start
            stack[top, 0], stack[top, 1], stack[top, 2] = start, pivot_off, maxd
            top += 1
            start += pivot_off + 1
            n -= pivot_off + 1
        if not done:
            _insertion_sort(values, indices, start, n)


_swap = numba.njit(cache=True)(_swap)
_insertion_sort = numba.njit(cache=True)(_insertion_sort)
_sift_down = numba.njit(cache=True)(_sift_down)
_heapsort = numba.njit(cache=True)(_heapsort)
heap_push_jit = numba.njit(cache=True)(heap_push)
simultaneous_sort_jit = numba.njit(cache=True)(simultaneous_sort)
