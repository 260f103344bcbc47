package dev.termpress.generator.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.generator.serve.ByteRange.Partial;
import dev.termpress.generator.serve.ByteRange.Unsatisfiable;
import dev.termpress.generator.serve.ByteRange.Whole;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void resolvesTheThreeRangeForms() {
        assertThat(ByteRange.parse("bytes=0-9", 100)).isEqualTo(new Partial(new ByteRange(0, 9)));
        assertThat(ByteRange.parse("bytes=90-", 100)).isEqualTo(new Partial(new ByteRange(90, 99)));
        assertThat(ByteRange.parse("bytes=-10", 100)).isEqualTo(new Partial(new ByteRange(90, 99)));
        assertThat(ByteRange.parse("bytes=50-500", 100)).isEqualTo(new Partial(new ByteRange(50, 99)));
        assertThat(ByteRange.parse("bytes=-500", 100)).isEqualTo(new Partial(new ByteRange(0, 99)));
    }

    @Test
    void rangesBeyondTheEndAreUnsatisfiable() {
        assertThat(ByteRange.parse("bytes=100-", 100)).isInstanceOf(Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=-0", 100)).isInstanceOf(Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=0-1", 0)).isInstanceOf(Unsatisfiable.class);
    }

    @Test
    void headersWeDoNotHandleGetTheWholeFile() {
        assertThat(ByteRange.parse(null, 100)).isInstanceOf(Whole.class);
        assertThat(ByteRange.parse("items=0-1", 100)).isInstanceOf(Whole.class);
        assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isInstanceOf(Whole.class);
        assertThat(ByteRange.parse("bytes=9-3", 100)).isInstanceOf(Whole.class);
        assertThat(ByteRange.parse("bytes=x-3", 100)).isInstanceOf(Whole.class);
    }

    @Test
    void formatsContentRange() {
        assertThat(new ByteRange(10, 19).contentRange(100)).isEqualTo("bytes 10-19/100");
    }
}
