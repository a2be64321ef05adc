/* gongwen/gongwen.h: everything libgongwen offers. */
#ifndef GONGWEN_H
#define GONGWEN_H

#include "gongwen/model.h"
#include "gongwen/reader.h"
#include "gongwen/writer.h"
#include "gongwen/render.h"
#include "gongwen/validity.h"
#include "gongwen/batch.h"
#include "gongwen/report.h"
#include "gongwen/info.h"

#define GW_VERSION "0.1.0"
const char *gw_version(void);

#endif
