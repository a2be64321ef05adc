"""pixels.py: what a page looks like, for the tests of tests/e2e: the
binary PPM that `pdftoppm` (without -png) draws, read plainly."""


def read_ppm(path):
    """(width, height, pixels): pixels are RGB bytes, row after row."""
    with open(path, "rb") as f:
        _, size, _, pixels = f.read().split(b"\n", 3)
    width, height = map(int, size.split())
    return width, height, pixels


def rgb(page, x, y):
    width, _, pixels = page
    i = 3 * (int(y) * width + int(x))
    return tuple(pixels[i:i + 3])


def red(r, g, b):
    return r > 180 and g < 90 and b < 90


def dark(r, g, b):
    return r < 120 and g < 120 and b < 120


def rows(page, colour, at_least=400):
    """The rows with at least `at_least` pixels of `colour` (a predicate)."""
    width, height, pixels = page
    return [y for y in range(height)
            if sum(1 for x in range(width) if colour(*pixels[3 * (y * width + x):3 * (y * width + x) + 3])) >= at_least]


def count(page, colour):
    _, _, pixels = page
    return sum(1 for i in range(0, len(pixels) - 2, 3) if colour(*pixels[i:i + 3]))
