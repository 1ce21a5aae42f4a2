from django.http import HttpResponse
from django.urls import path

from ops.decorators import embeddable


def plain(request):
    return HttpResponse("plain")


@embeddable
def framed(request):
    return HttpResponse("framed")


urlpatterns = [path("plain/", plain), path("framed/", framed)]
