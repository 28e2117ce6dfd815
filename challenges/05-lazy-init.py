from threading import Thread

config = None
loads = 0


def get_config():
    global config, loads
    if config is None:
        loads += 1
        config = "settings"
    return config


t1 = Thread(target=get_config)
t2 = Thread(target=get_config)
t1.start()
t2.start()
t1.join()
t2.join()
print("config loaded", loads, "time(s)")
