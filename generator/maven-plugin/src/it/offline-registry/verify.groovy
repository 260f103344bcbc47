// --offline reached termpress: the image is reported as not pinned, not as unreachable.
def log = new File(basedir, 'build.log').text
assert log.contains('termpress build') && log.contains('--offline') : 'the goal passed --offline'
assert log.contains('offline, and termpress.lock does not pin 127.0.0.1:1/nothing/here:1') : 'termpress pulled nothing'
assert !log.contains('cannot reach') : 'and asked no registry'
return true
