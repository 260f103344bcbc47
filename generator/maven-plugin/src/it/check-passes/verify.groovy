// The site was built into target/termpress and its demo checked.
def log = new File(basedir, 'build.log').text
assert log.contains('all outputs match') : 'the check ran and passed'
assert new File(basedir, 'target/termpress/index.html').isFile() : 'build wrote the site'
return true
