# A program that names its processes the threading way, no prctl: the
# main thread renamed after a first wait, and a child of os.fork() renamed.
import os
import threading
import time

time.sleep(0.05)  # a first wait, as "MainThread"
threading.current_thread().name = 'server'
pid = os.fork()
if pid == 0:
    threading.current_thread().name = 'client-1'
    time.sleep(0.2)
    os._exit(0)
time.sleep(0.1)
os.waitpid(pid, 0)
print('done', flush=True)
