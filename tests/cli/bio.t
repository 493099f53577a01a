# keygen writes 32 random bytes in a new file of mode 0600
cmd: $CCCD keygen --out seal.key && stat -c 'mode %a' seal.key && wc -c < seal.key
exit: 0
out: wrote a new sealing key to seal.key
out: mode 600
out: 32

# keygen never overwrites a key
cmd: $CCCD keygen --out seal.key
exit: 1
err: never overwritten
err-lines: 1

# keygen without --out is a usage error
cmd: $CCCD keygen
exit: 2
err: --out is required

# synth biometrics writes a portrait and ten prints, some worn, and scores them
cmd: $CCCD synth biometrics --id 001090012345 --seed 3 --out bio --worn 2 && ls bio
exit: 0
out: portrait.jpg
out: finger-01.png  right thumb
out: finger-10.png  left little
out: (worn)
out-lines: 22

# the same ID and seed give the same files; another ID other files
cmd: $CCCD synth biometrics --id 001090012345 --seed 3 --out bio2 --worn 2 >/dev/null && $CCCD synth biometrics --id 001090012346 --seed 3 --out bio3 --worn 2 >/dev/null && cmp bio/finger-04.png bio2/finger-04.png && cmp bio/portrait.jpg bio2/portrait.jpg && echo same && (cmp -s bio/finger-04.png bio3/finger-04.png || echo differs)
exit: 0
out: same
out: differs

# --worn 0: every print clear, none worn
cmd: $CCCD synth biometrics --id 001090012345 --out bio4 --worn 0
exit: 0
out-not: (worn)

# synth biometrics refuses a bad personal ID on one line
cmd: $CCCD synth biometrics --id 12345 --out bad
exit: 1
err-lines: 1

# --worn out of range
cmd: $CCCD synth biometrics --id 001090012345 --out bad --worn 11
exit: 1
err: --worn

# the synthetic portrait passes the photo check
cmd: $CCCD bio photo bio/portrait.jpg
exit: 0
out: 480x640 pixels (width/height 0.75)
out: accepted

# the same as JSON
cmd: $CCCD bio photo bio/portrait.jpg --json
exit: 0
out: "verdict": "accepted"
out: "width": 480

# a photo whose header says 200 pixels wide is refused as too small, with what to do
cmd: cp bio/portrait.jpg small.jpg && off=$(LC_ALL=C grep -obUa $'\xff\xc0' small.jpg | head -n 1 | cut -d: -f1) && printf '\x00\xc8' | dd of=small.jpg bs=1 seek=$((off + 7)) conv=notrunc 2>/dev/null && $CCCD bio photo small.jpg
exit: 1
out: too_small
err: too small: at least 240x320 pixels
err-lines: 1

# a photo cut short is refused
cmd: head -c 6000 bio/portrait.jpg > cut.jpg && $CCCD bio photo cut.jpg
exit: 1
err: damaged or cut short
err-lines: 1

# a PNG is not a photo
cmd: $CCCD bio photo bio/finger-01.png
exit: 1
err: not a JPEG
err-lines: 1

# a missing file
cmd: $CCCD bio photo nothing.jpg
exit: 1
err: cannot open nothing.jpg
err-lines: 1

# a clear synthetic print: its score, the feature means, accepted
cmd: $CCCD bio finger bio/finger-01.png
exit: 0
out: score:
out: OCL mean:
out: LCS mean:
out: foreground:

# every print of a person with no worn finger is accepted; as JSON
cmd: for f in bio4/finger-*.png; do $CCCD bio finger --json "$f"; done | grep -c '"decision": "accept"'
exit: 0
out: 10

# a JPEG is not a fingerprint
cmd: $CCCD bio finger bio/portrait.jpg
exit: 1
err: not a PNG
err-lines: 1

# a fingerprint cut short
cmd: head -c 3000 bio/finger-02.png > cut.png && $CCCD bio finger cut.png
exit: 1
err: not a readable PNG
err-lines: 1

# the population generator is still `cccd synth`
cmd: $CCCD synth --help
exit: 0
out: --population N
