# py-shutdown.py: the main thread's code ends while a thread it started
# still works; Python waits for that thread before it exits (in
# threading._shutdown), as every course program that forgets join() does.
import threading
import time


def worker():
    time.sleep(0.4)


threading.Thread(target=worker, name="worker").start()
