package serve

// slots keeps the live-reload streams in the order they opened. When all
// maxClients places are taken, a new stream takes the place of the oldest,
// which is closed: one client opening streams without end cannot shut
// every page out of live reload, and a page whose stream was dropped gets
// a new one when its EventSource reconnects. The broker's mutex guards it.
type slots struct {
	order []chan event
	drop  map[chan event]chan struct{}
}

// admit takes a place for c, dropping the oldest stream when all are
// taken; the returned channel is closed when c is dropped in turn.
func (sl *slots) admit(c chan event) <-chan struct{} {
	if sl.drop == nil {
		sl.drop = map[chan event]chan struct{}{}
	}
	if len(sl.order) >= maxClients {
		oldest := sl.order[0]
		close(sl.drop[oldest])
		sl.leave(oldest)
	}
	d := make(chan struct{})
	sl.drop[c] = d
	sl.order = append(sl.order, c)
	return d
}

// leave frees c's place.
func (sl *slots) leave(c chan event) {
	if _, ok := sl.drop[c]; !ok {
		return
	}
	delete(sl.drop, c)
	for i, o := range sl.order {
		if o == c {
			sl.order = append(sl.order[:i], sl.order[i+1:]...)
			break
		}
	}
}
