# the key of a name, with and without diacritics
cmd: $CCCD text key "Nguyễn   Văn Thân" && $CCCD text key NGUYEN VAN THAN
exit: 0
out: key:   nguyen van than
out: name:  Nguyễn Văn Thân

# Đ becomes d in the key
cmd: $CCCD text key --json "Đặng Đình Đức"
exit: 0
out: "key": "dang dinh duc"

# Windows-1258 mark order is repaired (a + acute + circumflex)
cmd: $CCCD text key "$(printf 'Ta\xcc\x81\xcc\x82n')"
exit: 0
out: clean: Tấn

# invalid UTF-8 is refused with its byte position
cmd: $CCCD text key "$(printf 'ab\xff')"
exit: 1
err: invalid UTF-8 at byte 3
err-lines: 1
