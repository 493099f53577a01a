# docs/cli.md is what the commands' own help says (regenerate: scripts/gen-cli-doc.sh build/cccd > docs/cli.md)
cmd: $REPO/scripts/gen-cli-doc.sh $CCCD | diff - $REPO/docs/cli.md && echo in-sync
exit: 0
out: in-sync
