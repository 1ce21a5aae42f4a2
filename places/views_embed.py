"""The map for partners' websites (in an iframe), limited by URL to a territory and filters, and its generator."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from ops.decorators import embeddable
from places.forms import SearchForm
from places.views import search_context


@embeddable
def embed(request):
    """The map and list, without the site's header, for an iframe; `?territory=80,59350&offers=training`."""
    # The other pages refuse to be framed: the embed's links open them in a new window.
    context = search_context(request) | {"embed": True}
    if request.GET.get("fragment") == "results":  # the list and the filters' counts, for map.js
        return render(request, "places/_results_fragment.html", context)
    return render(request, "places/embed.html", context)


def embed_generator(request):
    """A form choosing a territory and filters, answered with the iframe snippet to paste."""
    form = SearchForm(request.GET)
    snippet = ""
    if request.GET and form.is_valid():
        params = {"territory": ",".join(form.cleaned_data["territory"])}
        params.update(
            {name: form.cleaned_data[name] for name in ("offers", "services") if form.cleaned_data[name]}
        )
        url = (
            request.build_absolute_uri(reverse("places:embed"))
            + "?"
            + urlencode({k: v for k, v in params.items() if v}, doseq=True)
        )
        snippet = (
            f'<iframe src="{url}" title="Lieux de médiation numérique" width="100%" height="600" '
            'loading="lazy"></iframe>'
        )
    return render(request, "places/embed_generator.html", {"form": form, "snippet": snippet})
