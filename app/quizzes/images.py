"""Where a quiz's images are: every ``image`` ({"src", "alt"}) in its questions and cases,
whatever the kind (a question's, an option's, an item's, a case study's).

In a file (the curriculum, an import) ``src`` is a file name; once stored, it is the media
store's key. These walk the quiz's plain data, so no kind has to know about images.
"""

from collections.abc import Callable, Iterator


def images_in(value, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """(JSON path, image) for every image in ``value``, in document order."""
    if isinstance(value, dict):
        for name, child in value.items():
            if name == "image" and isinstance(child, dict) and "src" in child:
                yield (*path, name), child
            else:
                yield from images_in(child, (*path, name))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from images_in(child, (*path, index))


def with_sources(value, rename: Callable[[str], str]):
    """A copy of ``value`` with every image's ``src`` passed through ``rename``."""
    if isinstance(value, dict):
        return {
            name: (
                {**child, "src": rename(child["src"])}
                if name == "image" and isinstance(child, dict) and "src" in child
                else with_sources(child, rename)
            )
            for name, child in value.items()
        }
    if isinstance(value, list):
        return [with_sources(child, rename) for child in value]
    return value
