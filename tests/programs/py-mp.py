# One multiprocessing.Process named by the program, then a Pool of two
# with default names; no prctl: weft reads the names multiprocessing gave.
import multiprocessing
import time


def nap(x):
    time.sleep(0.2)
    return x


if __name__ == '__main__':
    saver = multiprocessing.Process(target=nap, args=(1,), name='saver')
    saver.start()
    saver.join()
    with multiprocessing.Pool(2) as pool:
        print('sum', sum(pool.map(nap, range(4))), flush=True)
