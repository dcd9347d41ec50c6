# A wait-heavy Python program: 30,000 items through a queue.Queue of four
# places between two threads, so both keep blocking in Condition.wait()
# (q.not_full, q.not_empty) and on the GIL.  Every such wait is recorded
# and its lock named.  Prints its own time, as py-fib.py does.
import queue
import threading
import time

ITEMS = 30000
q = queue.Queue(maxsize=4)


def producer():
    for i in range(ITEMS):
        q.put(i)
    q.put(None)


def consumer():
    while q.get() is not None:
        pass


start = time.perf_counter_ns()
threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('elapsed_ns=%d' % (time.perf_counter_ns() - start))
