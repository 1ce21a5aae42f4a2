"""The residents' HTML pages: the map and its list, a place's page, its orientation sheet, the easy-read switch."""

import math

from django.core.paginator import Page, Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from places.caching import cached_for_data, data_version, filter_params
from places.context_processors import EASY_READ_COOKIE
from places.forms import SearchForm
from places.hours import place_hours
from places.models import Place
from places.pagination import counted_page
from places.sheet import things_to_bring
from reports.forms import ErrorReportForm

RESULTS_PER_PAGE = 20

EASY_READ_MAX_AGE = 365 * 24 * 3600


def search_context(request) -> dict:
    """What the map, the embed and their result lists show for the request's search and filters."""
    form = SearchForm(request.GET)
    form.is_valid()  # a wrong parameter is reported and ignored; the others still apply
    now = timezone.now()
    result = form.search(now=now)
    places, count = result.places, None
    time_filter = form.cleaned_data.get("open_now") or form.cleaned_data.get("saturday")
    # Over the whole directory (or a text's places), the counts are cached for this version of the data; around
    # a point, in a map view or with a time filter they move, and are computed each time.
    version = None if result.is_located or result.bbox or time_filter else data_version()
    if result.bbox:
        places = places.order_by("name", "pk")
    elif not result.is_located and not result.text:
        # The whole directory: the latest updated first (read from an index), its size cached.
        places = places.order_by("-updated_at", "-pk")
        if not time_filter:
            count = cached_for_data("list-count", filter_params(request.GET), places.count, version=version)
    elif not result.is_located:
        places = places.order_by("name", "pk")
    places = places.with_closures_from(timezone.localdate(now))  # for the open-now badges
    if result.is_located:
        page = _nearest_page(places, request.GET.get("page"))
    else:
        paginator = Paginator(places, RESULTS_PER_PAGE)
        if count is not None:
            paginator.count = count  # a cached_property: the paginator then skips its COUNT query
        page = paginator.get_page(request.GET.get("page"))
    for place in page:
        place.open_now = place.is_open_at(now)
    return {
        "form": form,
        "result": result,
        "page": page,
        "counts": _counts(form, result, request.GET, now=now, version=version),
        "query_string_without_page": _without(request.GET, "page", "fragment"),
    }


MAX_PAGE_NUMBER = 100_000  # far past any list's end, and an offset every database takes


def _nearest_page(places, number) -> Page:
    """A page of a search around a point, read with ranked_page (a dense city's places are ranked from the
    index). A missing, unreadable or too small number is the first page; one past the end, the last."""
    try:
        number = min(max(1, int(number)), MAX_PAGE_NUMBER)
    except (TypeError, ValueError):
        number = 1
    page = counted_page(places, number, RESULTS_PER_PAGE, ranked=True)
    if not page.object_list and number > 1:
        page = counted_page(
            places, max(1, math.ceil(places.count() / RESULTS_PER_PAGE)), RESULTS_PER_PAGE, ranked=True
        )
    return page


def _without(params, *names: str) -> str:
    """The query string without those parameters, ending with & when not empty."""
    params = params.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode() + "&" if params else ""


def _counts(form: SearchForm, result, params, *, now, version) -> dict:
    """The filters' counts over the places the search finds before its filters (SearchResult.unfiltered);
    cached per filter set and text for this `version` of the data, when the caller gives one."""
    compute = lambda: form.counts(result.unfiltered(), now=now)  # noqa: E731
    if version is None:
        return compute()
    parts = [(key, value) for key, value in filter_params(params) if key not in ("lat", "lon")]
    return cached_for_data("filter-counts", parts, compute, version=version)


def place_map(request):
    """The first page: search box, filters, the map and the list beside it (which works without JavaScript)."""
    context = search_context(request)
    if request.GET.get("fragment") == "results":  # the list and the filters' counts, for map.js
        return render(request, "places/_results_fragment.html", context)
    return render(request, "places/map.html", context)


def place_detail(request, slug):
    """Everything a visitor needs before travelling: address, phone, hours, help offered, how to report an error."""
    place = get_object_or_404(Place.objects.published(), slug=slug)
    hours = place_hours(place, moment=timezone.now())
    return render(
        request,
        "places/place.html",
        {
            "place": place,
            "state": hours.state,
            "week": hours.week,
            "closures": hours.closures,
            "report_form": ErrorReportForm(),
            "reported": request.GET.get("signalement") == "merci",
            "can_edit": place.can_be_edited_by(request.user),
        },
    )


def place_sheet(request, slug):
    """A printable one-page orientation sheet for a beneficiary, with a text to send by e-mail or SMS."""
    place = get_object_or_404(Place.objects.published(), slug=slug)
    hours = place_hours(place, moment=timezone.now())
    return render(
        request,
        "places/sheet.html",
        {
            "place": place,
            "week": hours.week,
            "closures": hours.closures,
            "to_bring": things_to_bring(place),
        },
    )


@require_POST
def easy_read(request):
    """Switch the easy-to-read mode on or off (a cookie, so it works without JavaScript), then go back."""
    back = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    response = HttpResponseRedirect(back)
    if request.POST.get("on") == "1":
        response.set_cookie(EASY_READ_COOKIE, "1", max_age=EASY_READ_MAX_AGE, samesite="Lax")
    else:
        response.delete_cookie(EASY_READ_COOKIE)
    return response
