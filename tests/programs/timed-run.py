# Runs a course demo as its own __main__ and then prints
# "elapsed WALL cpu CPU": its wall-clock and CPU seconds (every thread of
# this process), so bench-coroutines can compare it traced and untraced.
import os
import runpy
import sys
import time

demo = sys.argv[1]
sys.argv = sys.argv[1:]
sys.path[0] = os.path.dirname(os.path.abspath(demo))
wall, cpu = time.perf_counter(), time.process_time()
try:
    runpy.run_path(demo, run_name='__main__')
finally:
    print('elapsed %.6f cpu %.6f' % (time.perf_counter() - wall, time.process_time() - cpu), flush=True)
