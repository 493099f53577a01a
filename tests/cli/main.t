# the command list
cmd: $CCCD --help
exit: 0
out: id check
out: mrz build
out: units resolve

# no command: usage on stderr, exit 2
cmd: $CCCD
exit: 2
err: usage: cccd COMMAND

# an unknown command
cmd: $CCCD frobnicate
exit: 2
err: unknown command 'frobnicate'

# an unknown verb lists the known ones
cmd: $CCCD id frobnicate
exit: 2
err: one of: check new
