# Two Python threads contending on one threading.Lock (a sem_t in CPython):
# each holds it across a short sleep, so the other waits in the kernel.
import threading
import time

lock = threading.Lock()


def worker():
    for _ in range(10):
        with lock:
            time.sleep(0.002)


threads = [threading.Thread(target=worker) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
