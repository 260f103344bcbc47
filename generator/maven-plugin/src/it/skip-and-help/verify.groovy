def log = new File(basedir, 'build.log').text
assert log.contains('termpress: skipped (termpress.skip)') : 'the goals were skipped'
assert !new File(basedir, 'target/termpress').exists() : 'and built nothing'
['termpress:build', 'termpress:check', 'termpress:serve', 'siteDirectory', 'termpress.skip', 'termpress.offline', 'termpress.updateImages'].each {
    assert log.contains(it) : "help documents ${it}"
}
return true
