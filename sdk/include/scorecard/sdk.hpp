// scorecard SDK: the one header a plugin includes. See docs/sdk.md for the one-page guide.
#pragma once

#include "scorecard/abi.hpp"
#include "scorecard/care.hpp"
#include "scorecard/context.hpp"
#include "scorecard/date.hpp"
#include "scorecard/indicator.hpp"
#include "scorecard/metadata.hpp"
#include "scorecard/observation.hpp"
#include "scorecard/parameters.hpp"
#include "scorecard/period.hpp"
#include "scorecard/span.hpp"
#include "scorecard/table.hpp"
