#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""群聊聊天室 / The tutorial's UDP group chat room.

Messages:  "L name" log in (the name must be new), "C name text" say
something (everyone else receives it), "Q name" leave (the others are
told).  alice, bob and carol chat; a second alice is turned away because
the name is taken.  Each client has a receiver thread.  The room closes
when all members have left.  When standard input is a terminal you are
the administrator: what you type goes to everyone as 管理员消息, and the
room stays open until you type "quit" or Ctrl-D.
"""
import socket
import sys
import threading
import time

from io_clients import fork_client, wait_clients

ADDR = ('127.0.0.1', 0)


def udp_socket():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(ADDR)
    return s


def receiver(s, name):
    threading.current_thread().name = 'receiver'
    while True:
        data, _ = s.recvfrom(1024)
        if data == b'EXIT':
            return
        print("  [%s's screen] %s" % (name, data.decode()), flush=True)


def chat_client(port, number):
    name = ['alice', 'bob', 'carol', 'alice'][number - 1]
    server = ('127.0.0.1', port)
    s = udp_socket()
    time.sleep(0.2 * (number - 1))
    s.sendto(('L ' + name).encode(), server)
    reply, _ = s.recvfrom(1024)
    if reply != b'OK':
        print('%s (client %d): the server says %r; leaving' % (name, number, reply.decode()), flush=True)
        return 0
    t = threading.Thread(target=receiver, args=(s, name))
    t.start()
    for i in (1, 2):
        time.sleep(0.4)
        s.sendto(('C %s hello from %s (%d)' % (name, name, i)).encode(), server)
    time.sleep(0.4)
    s.sendto(('Q ' + name).encode(), server)
    t.join()
    return 0


class ChatRoom:
    def __init__(self):
        self.sock = udp_socket()
        self.members = {}            # name -> address
        self.lock = threading.Lock()
        self.ever_joined = 0
        self.admin_present = sys.stdin.isatty()

    def broadcast(self, text, except_name=None):
        for name, address in self.members.items():
            if name != except_name:
                self.sock.sendto(text.encode(), address)

    def handle(self, data, address):
        kind, _, rest = data.decode().partition(' ')
        name, _, text = rest.partition(' ')
        with self.lock:
            if kind == 'L':
                if name in self.members:
                    self.sock.sendto('that name is taken'.encode(), address)
                    return
                self.sock.sendto(b'OK', address)
                self.broadcast('welcome %s to the chat room' % name)
                self.members[name] = address
                self.ever_joined += 1
                print('server: %s joined (%d in the room)' % (name, len(self.members)), flush=True)
            elif kind == 'C':
                self.broadcast('%s: %s' % (name, text), except_name=name)
            elif kind == 'Q' and name in self.members:
                self.sock.sendto(b'EXIT', self.members.pop(name))
                self.broadcast('%s left the chat room' % name)
                print('server: %s left (%d in the room)' % (name, len(self.members)), flush=True)

    def administrator(self):
        threading.current_thread().name = 'admin-input'
        print('server: you are the administrator; type an announcement ("quit" or Ctrl-D closes the room)', flush=True)
        for line in sys.stdin:
            if line.strip() == 'quit':
                break
            with self.lock:
                self.broadcast('管理员消息 (admin): ' + line.strip())
        with self.lock:
            self.admin_present = False
        udp_socket().sendto(b'A', self.sock.getsockname())  # wake the server's recvfrom

    def should_close(self):
        with self.lock:
            return self.ever_joined >= 3 and not self.members and not self.admin_present

    def serve(self):
        port = self.sock.getsockname()[1]
        print('server: chat room open on UDP 127.0.0.1:%d' % port, flush=True)
        clients = [fork_client('chat-client-%d' % i, chat_client, port, i) for i in (1, 2, 3, 4)]
        if self.admin_present:
            threading.Thread(target=self.administrator, daemon=True).start()
        while not self.should_close():
            data, address = self.sock.recvfrom(1024)
            self.handle(data, address)
        wait_clients(clients)
        print('server: everyone has left; the chat room closes')


if __name__ == '__main__':
    threading.current_thread().name = 'chat-server'
    ChatRoom().serve()
