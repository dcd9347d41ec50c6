"""Client processes for the IO-model and server demos.

Every server demo starts its own clients on 127.0.0.1: it listens on port 0
(the kernel picks a free port, so demos never collide) and hands the port
to clients forked here.  Each client is a child process with its own name
in the timeline.
"""
import os
import signal
import socket
import threading
import time
import traceback


_clients = {}  # pid -> exit code, None while running


def _reap_clients(signum=None, frame=None):
    """SIGCHLD: reap the clients that ended, so none is left a zombie."""
    for pid, code in list(_clients.items()):
        if code is None:
            try:
                got, status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                continue
            if got == pid:
                _clients[pid] = os.waitstatus_to_exitcode(status)


def fork_client(name, func, *args):
    """Fork a child process called name that runs func(*args) and exits.

    Clients are reaped the moment they end (a SIGCHLD handler), so the
    timeline shows no zombie clients while the server is still working.
    """
    if signal.getsignal(signal.SIGCHLD) is not _reap_clients:
        signal.signal(signal.SIGCHLD, _reap_clients)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})  # registered before reaped
    pid = os.fork()
    if pid == 0:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
        code = 1
        try:
            threading.current_thread().name = name
            code = func(*args) or 0
        except Exception:
            traceback.print_exc()
        finally:
            os._exit(code)
    _clients[pid] = None
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
    return pid


def wait_clients(pids):
    """Wait until each client has ended; return how many exited with code 0."""
    while any(_clients.get(pid) is None for pid in pids):
        _reap_clients()
        time.sleep(0.05)
    return sum(_clients[pid] == 0 for pid in pids)


def listen(backlog=16):
    """A TCP socket listening on 127.0.0.1 at a free port: (socket, port)."""
    sockfd = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sockfd.bind(('127.0.0.1', 0))
    sockfd.listen(backlog)
    return sockfd, sockfd.getsockname()[1]


def talker(port, number, messages=3, delay=0.4, first_delay=0.0):
    """Connect, send messages, one every delay seconds, then close."""
    time.sleep(first_delay)
    c = socket.create_connection(('127.0.0.1', port))
    for i in range(1, messages + 1):
        c.send(('c%d says hi %d' % (number, i)).encode())
        time.sleep(delay)
    c.close()


def echo_talker(port, number, lines=3, delay=0.3):
    """Connect, send lines and check each echo; exit code 1 if one is wrong."""
    c = socket.create_connection(('127.0.0.1', port))
    f = c.makefile('rwb')
    for i in range(1, lines + 1):
        line = ('client-%d says hello %d\n' % (number, i)).encode()
        f.write(line)
        f.flush()
        echo = f.readline()
        if echo != line:
            print('client-%d: no echo for line %d' % (number, i), flush=True)
            return 1
        print('client-%d: the server echoed %r' % (number, echo.decode().strip()), flush=True)
        time.sleep(delay)
    f.close()
    c.close()
    return 0
