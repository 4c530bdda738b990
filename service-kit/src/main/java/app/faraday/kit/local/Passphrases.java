package app.faraday.kit.local;

import java.security.SecureRandom;

/**
 * Readable generated passwords such as {@code maple-kayak-lantern-orbit-cedar-417}: easy to copy from
 * the banner into a login form, and about 45 bits strong with five words from this list of 128.
 */
public final class Passphrases {

    private static final String[] WORDS = ("""
            acorn alder amber anchor antler aspen aurora badger basalt beacon birch bison bramble breeze brook
            cactus canyon cedar cinder clover comet coral cove crater creek cypress delta dune eagle ember fern
            fjord flint forest fossil fox galaxy garnet geyser glacier granite grove gull harbor hazel heron
            hollow iris island ivy jasper juniper kayak kelp kestrel lagoon lantern larch lichen lily lynx maple
            marsh meadow mesa meteor moss nebula nutmeg oasis oak onyx orbit orchid osprey otter pebble pine
            plover prairie puffin quartz quill rapids raven reef ridge river robin saffron sage salmon sequoia
            shale sierra sparrow spruce summit swift thistle thunder tide timber topaz trout tulip tundra valley
            violet walnut willow wren yarrow yew zephyr zinnia basil falcon heather lotus mango orca panda pepper
            coyote dolphin gecko mustang
            """).trim().split("\\s+");

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passphrases() {
    }

    public static String generate(int words) {
        StringBuilder passphrase = new StringBuilder();
        for (int i = 0; i < words; i++) {
            passphrase.append(WORDS[RANDOM.nextInt(WORDS.length)]).append('-');
        }
        return passphrase.append(100 + RANDOM.nextInt(900)).toString();
    }
}
