// The build failed with termpress's file:line message for the stale demo.
def log = new File(basedir, 'build.log').text
assert log.contains('index.md:4') : 'the mismatch names the file and line'
assert log.contains('x86_64') : 'and the expected output'
assert log.contains('termpress check failed') : 'the plugin says which goal failed'
return true
