# A program that names its processes the threading way, no prctl: the
# main thread renamed after many waits, and a child of os.fork() renamed.
import os
import threading
import time

# A long start, as a program's imports: more waits, as "MainThread",
# than the recorder reads a thread's name at first.
for _ in range(100):
    time.sleep(0.001)
time.sleep(0.05)
threading.current_thread().name = 'server'
pid = os.fork()
if pid == 0:
    threading.current_thread().name = 'client-1'
    time.sleep(0.2)
    os._exit(0)
time.sleep(0.1)
os.waitpid(pid, 0)
print('done', flush=True)
